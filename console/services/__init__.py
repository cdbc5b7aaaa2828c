"""The console's services: staff actions on registrations (recorded, acting once), staff accounts, messages
to registrants."""
