"""Site identity: keys, site id, fingerprints people can read aloud."""
