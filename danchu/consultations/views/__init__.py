"""Thin views over the services: officials' pages, opinions, and the public pages."""
