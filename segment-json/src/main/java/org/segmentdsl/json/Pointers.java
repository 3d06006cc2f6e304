package org.segmentdsl.json;

/** JSON Pointer (RFC 6901) steps. */
final class Pointers {
  private Pointers() {}

  /** One reference token: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
