"""Declared settings, layered configuration (defaults < IT machine config < user), and profiles."""
