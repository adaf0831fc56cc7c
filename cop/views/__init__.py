"""The CoP's views that are not pages, one module per feature; their addresses are in `cop.urls`."""
