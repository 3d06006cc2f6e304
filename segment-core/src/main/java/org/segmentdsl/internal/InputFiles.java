package org.segmentdsl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens the files that the library reads (dataset files, saved segments, change streams, snapshot
 * files) only when they are regular files, or symbolic links to one. A directory, FIFO, device or
 * socket is refused without being opened: opening a FIFO blocks until a writer comes, and a device
 * such as {@code /dev/zero} is an endless stream. Refusals are {@link FileSystemException}s whose
 * reason says what the file is ({@code is a directory}, {@code is not a regular file (a FIFO)});
 * {@link #describe} words any read failure for a message. Stateless and thread-safe.
 *
 * <pre>{@code
 * try (InputStream in = InputFiles.open(path)) { ... }
 * } catch (IOException e) {
 *   problems.add(path + ": " + InputFiles.describe(e));   // "...: cannot read: is a directory"
 * }
 * }</pre>
 */
public final class InputFiles {
  // st_mode's file type bits (POSIX), to say which kind of non-regular file it is
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private InputFiles() {}

  /**
   * Checks that {@code file} is a regular file, following symbolic links, without opening it.
   *
   * @throws NoSuchFileException if there is no such file
   * @throws FileSystemException if it is something else: a directory, a FIFO, a device, a socket,
   *     a symbolic link loop
   */
  public static void checkRegular(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw e;
    } catch (FileSystemException e) {
      // ELOOP: the operating system's words are "Too many levels of symbolic links"
      if (e.getReason() != null && e.getReason().toLowerCase(java.util.Locale.ROOT)
          .contains("symbolic link")) {
        throw new FileSystemException(file.toString(), null,
            "too many levels of symbolic links (a symbolic link loop)");
      }
      throw e;
    }
    if (attributes.isRegularFile()) {
      return;
    }
    throw new FileSystemException(file.toString(), null,
        attributes.isDirectory() ? "is a directory" : "is not a regular file" + kindOf(file));
  }

  /** " (a FIFO)", " (a device)", " (a socket)", or nothing where the system does not tell. */
  private static String kindOf(Path file) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(file, "unix:mode");
    } catch (IOException | RuntimeException e) { // no "unix" view on this system
      return "";
    }
    return switch (mode & S_IFMT) {
      case S_IFIFO -> " (a FIFO)";
      case S_IFCHR, S_IFBLK -> " (a device)";
      case S_IFSOCK -> " (a socket)";
      default -> "";
    };
  }

  /**
   * Opens a regular file for reading, after {@link #checkRegular}.
   *
   * @throws IOException as {@link #checkRegular}, or if it cannot be opened
   */
  public static InputStream open(Path file) throws IOException {
    checkRegular(file);
    return Files.newInputStream(file);
  }

  /**
   * Reads a regular file whole if it holds at most {@code max} bytes; returns {@code max + 1}
   * bytes (its start) if it is longer, never reading more than that.
   */
  public static byte[] readAtMost(Path file, int max) throws IOException {
    try (InputStream in = open(file)) {
      return in.readNBytes(max + 1);
    }
  }

  /**
   * A read failure as a message says it after the file's name: {@code no such file}, {@code
   * cannot read: is a directory}, {@code cannot read: permission denied}, {@code cannot read: }
   * and the system's reason. The file's path is left out: the caller names the file as given.
   */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "cannot read: permission denied";
    }
    if (e instanceof FileSystemException f) {
      // its message holds the path; its reason alone says what went wrong
      String reason = f.getReason();
      return "cannot read: " + (reason == null ? "unknown reason" : lowerFirst(reason));
    }
    return "cannot read: " + e.getMessage();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() || !Character.isUpperCase(s.charAt(0)) || s.length() > 1
        && Character.isUpperCase(s.charAt(1)) ? s : Character.toLowerCase(s.charAt(0))
        + s.substring(1);
  }
}
