package org.segmentdsl.cli;

import java.util.List;

/** Bad input from the user: each message becomes one {@code error: } line and exit status 1. */
final class InvalidInput extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> messages;

  InvalidInput(List<String> messages) {
    super(String.join("\n", messages));
    this.messages = List.copyOf(messages);
  }

  InvalidInput(String message) {
    this(List.of(message));
  }

  List<String> messages() {
    return messages;
  }
}
