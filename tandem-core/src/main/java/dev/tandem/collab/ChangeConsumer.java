package dev.tandem.collab;

/** Receives one changed range: {@code fromA..toA} in the old document became {@code fromB..toB} (= {@code inserted}) in the new one. */
@FunctionalInterface
public interface ChangeConsumer {
    void accept(int fromA, int toA, int fromB, int toB, String inserted);
}
