"""The talks services: submission <- review <- speakers <- scheduling, slides; privacy beside them."""
