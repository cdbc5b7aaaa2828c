"""The console's services: staff accounts, messages to registrants."""
