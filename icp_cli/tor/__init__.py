"""Terms of reference: the facts a draft is written from."""
