"""congkhai: a ward's public disclosure site (procedures, feedback contacts, yearly plan)."""
