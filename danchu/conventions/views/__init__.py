"""Pages of hương ước, quy ước: officials', households', and the public register."""
