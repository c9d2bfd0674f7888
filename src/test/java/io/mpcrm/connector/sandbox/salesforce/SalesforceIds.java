package io.mpcrm.connector.sandbox.salesforce;

import java.util.Optional;

/** Salesforce record ids: 15-character case-sensitive ids and their 18-character case-safe form. */
public final class SalesforceIds {

    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SalesforceIds() {
    }

    /** The 3-character case-safe suffix of a 15-character id. */
    public static String checksum(String id15) {
        if (id15.length() < 15) {
            throw new IllegalArgumentException("need 15 characters: " + id15);
        }
        StringBuilder sb = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int j = 0; j < 5; j++) {
                char c = id15.charAt(chunk * 5 + j);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << j;
                }
            }
            sb.append(SUFFIX_CHARS.charAt(flags));
        }
        return sb.toString();
    }

    /** Builds an 18-character id from a 3-character key prefix and a sequence number. */
    public static String newId(String keyPrefix, long sequence) {
        if (keyPrefix.length() != 3) {
            throw new IllegalArgumentException("key prefix must have 3 characters: " + keyPrefix);
        }
        StringBuilder counter = new StringBuilder();
        long n = sequence;
        do {
            counter.insert(0, BASE62.charAt((int) (n % 62)));
            n /= 62;
        } while (n > 0);
        while (counter.length() < 7) {
            counter.insert(0, '0');
        }
        String id15 = keyPrefix + "Hs" + "000" + counter;
        if (id15.length() != 15) {
            throw new IllegalStateException("sequence too large: " + sequence);
        }
        return id15 + checksum(id15);
    }

    /**
     * Normalises a 15- or 18-character id to its 18-character form; empty if the value is not a well-formed id
     * (wrong length, characters other than letters and digits, or an 18-character id whose suffix does not match).
     */
    public static Optional<String> to18(String value) {
        if (value == null || (value.length() != 15 && value.length() != 18)) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return Optional.empty();
            }
        }
        String id15 = value.substring(0, 15);
        String sum = checksum(id15);
        if (value.length() == 18 && !value.substring(15).equalsIgnoreCase(sum)) {
            return Optional.empty();
        }
        return Optional.of(id15 + sum);
    }

    public static boolean isValid(String value) {
        return to18(value).isPresent();
    }

    /** Key prefix number {@code n} in the custom range: a00, a01, ..., a0z, a10, ... */
    public static String customPrefix(char first, int n) {
        return "" + first + BASE62.charAt(n / 62 % 62) + BASE62.charAt(n % 62);
    }
}
