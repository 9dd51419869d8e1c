"""The SIE reader (SIE 1–4, streaming): tokens, records, vouchers, encoding and checks."""
