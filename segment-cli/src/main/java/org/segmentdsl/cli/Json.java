package org.segmentdsl.cli;

import org.segmentdsl.SegmentResult;

/** The CLI's JSON output lines. */
final class Json {
  private Json() {}

  /** {@code {"segment": file, "count": N, "ids": [...]}} (no segment key when it is null). */
  static String result(String segment, SegmentResult result) {
    StringBuilder sb = new StringBuilder("{");
    if (segment != null) {
      sb.append("\"segment\": ").append(string(segment)).append(", ");
    }
    sb.append("\"count\": ").append(result.count()).append(", \"ids\": [");
    String sep = "";
    for (String id : result.ids()) {
      sb.append(sep).append(string(id));
      sep = ", ";
    }
    return sb.append("]}").toString();
  }

  /** A JSON string literal. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
