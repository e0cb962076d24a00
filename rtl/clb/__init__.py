"""Call gates and the Call Lookaside Buffer (issue: call gates). Not implemented yet."""
