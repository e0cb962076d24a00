"""The mkrv RV64 core."""
