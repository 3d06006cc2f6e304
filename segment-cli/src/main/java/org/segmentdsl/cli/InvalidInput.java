package org.segmentdsl.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.List;
import org.segmentdsl.internal.InputFiles;

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

  /**
   * A file that cannot be read: {@code FILE: no such file}, {@code FILE: cannot read: is a
   * directory}, {@code FILE: cannot read: is not a regular file (a FIFO)}, ...
   */
  static InvalidInput cannotRead(String file, IOException e) {
    return new InvalidInput(file + ": " + InputFiles.describe(e));
  }

  /** A file that cannot be written: {@code FILE: cannot write: why}. */
  static InvalidInput cannotWrite(String file, IOException e) {
    return new InvalidInput(file + ": cannot write" + why(e));
  }

  // a FileSystemException's message is its (maybe temporary) file's path: give its reason alone
  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return ": permission denied";
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() != null ? ": " + f.getReason() : "";
    }
    return ": " + e.getMessage();
  }

  List<String> messages() {
    return messages;
  }
}
