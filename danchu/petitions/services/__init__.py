"""Writes of the letter register and the petitions (one module per entity)."""
