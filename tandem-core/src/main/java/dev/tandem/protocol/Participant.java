package dev.tandem.protocol;

/** A person in a session, as the others see them. */
public record Participant(String clientId, String name, String color) {}
