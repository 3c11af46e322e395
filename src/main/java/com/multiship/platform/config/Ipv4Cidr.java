package com.multiship.platform.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 CIDR block in canonical form (no host bits set), for size and overlap checks. */
public record Ipv4Cidr(long network, int prefix) {
    public static final Pattern SHAPE = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

    /** Parses {@code a.b.c.d/n}; empty when malformed or when host bits are set. */
    public static Optional<Ipv4Cidr> parse(String text) {
        var m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return Optional.empty();
        }
        var cidr = new Ipv4Cidr(address, prefix);
        return (address & ~cidr.mask() & 0xFFFFFFFFL) == 0 ? Optional.of(cidr) : Optional.empty();
    }

    private long mask() {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefix >= prefix && (other.network & mask()) == network;
    }

    public boolean overlaps(Ipv4Cidr other) {
        return contains(other) || other.contains(this);
    }

    public long addressCount() {
        return 1L << (32 - prefix);
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
