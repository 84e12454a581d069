package io.hathor.reinit.wallet;

/** An extended public key that cannot be used; the message is the reason, safe to show (no key material). */
public final class InvalidKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String reason) {
        super(reason);
    }
}
