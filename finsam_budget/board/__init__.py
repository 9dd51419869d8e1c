"""Reports for the board over many scenarios: the comparison and the overview."""
