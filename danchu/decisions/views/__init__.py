"""Pages of dân bàn, dân quyết: officials (`official`, `actions`), households, the public."""
