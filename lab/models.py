"""Lab Sistem Merit pages: the daerah binaan KASN guides through the SECI cycle."""
