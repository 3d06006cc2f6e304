package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The insight conformance suite's cases and its rules for comparing output, shared by the API
 * tests here and the CLI's tests (through this module's test jar).
 */
public final class InsightCases {
  private InsightCases() {}

  /** The args files of one command's cases, every set, in order. */
  public static List<Path> cases(Path insight, String command) throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> sets = Files.list(insight)) {
      for (Path set : sets.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(set.resolve(command))) {
          files.filter(f -> f.toString().endsWith(".args.json")).sorted().forEach(cases::add);
        }
      }
    }
    return cases;
  }

  /** The sets holding a file ({@code lint/args.json}), in order. */
  public static List<Path> setsWith(Path insight, String file) throws IOException {
    try (Stream<Path> sets = Files.list(insight)) {
      return sets.filter(p -> Files.isRegularFile(p.resolve(file))).sorted().toList();
    }
  }

  /** A JSON text as plain Java values ({@link JsonTree}). */
  public static Object parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      return JsonTree.parse(bytes, 0, bytes.length);
    } catch (JsonTree.Malformed e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /**
   * Checks {@code why --output json}'s lines against a case's expected lines, as the suite's
   * README says: as many lines, the same {@code path} at each position, and every other expected
   * key present with an equal value (numbers by value, datetimes as instants, arrays in order);
   * more keys allowed.
   */
  @SuppressWarnings("unchecked")
  public static void assertWhy(List<String> expected, List<String> actual) {
    assertThat(actual).as("lines").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, Object> want = (Map<String, Object>) parse(expected.get(i));
      Map<String, Object> got = (Map<String, Object>) parse(actual.get(i));
      assertThat(got.get("path")).as("line %d", i + 1).isEqualTo(want.get("path"));
      for (Map.Entry<String, Object> e : want.entrySet()) {
        assertThat(got).as("line %d", i + 1).containsKey(e.getKey());
        assertThat(same(e.getValue(), got.get(e.getKey())))
            .as("line %d, %s: expected %s, got %s", i + 1, e.getKey(), expected.get(i),
                actual.get(i))
            .isTrue();
      }
    }
  }

  /**
   * Checks {@code lint}'s output lines ({@code FILE: /pointer: CODE: message} or {@code FILE:
   * ok}) against a case's {@code expected.jsonl}, as the suite's README says: an ok file has its
   * ok line and no finding; another has, for each expected finding, a line with that code, one of
   * the listed pointers and a message containing every expected string, and no ok line. Other
   * findings are allowed in files that are not ok.
   */
  @SuppressWarnings("unchecked")
  public static void assertLint(List<String> expected, List<String> actual) {
    for (String line : expected) {
      Map<String, Object> want = (Map<String, Object>) parse(line);
      String file = (String) want.get("file");
      List<String> mine = actual.stream().filter(l -> l.startsWith(file + ": ")).toList();
      if (Boolean.TRUE.equals(want.get("ok"))) {
        assertThat(mine).as("%s (%s)", file, want.get("note")).containsExactly(file + ": ok");
        continue;
      }
      assertThat(mine).as("%s (%s)", file, want.get("note")).isNotEmpty()
          .doesNotContain(file + ": ok");
      for (Object o : (List<Object>) want.get("findings")) {
        Map<String, Object> finding = (Map<String, Object>) o;
        List<Object> pointers = (List<Object>) finding.get("pointers");
        List<Object> contains = (List<Object>) finding.get("messageContains");
        boolean found = false;
        for (String l : mine) {
          String[] parts = l.substring(file.length() + 2).split(": ", 3);
          if (parts.length == 3 && parts[1].equals(finding.get("code"))
              && pointers.contains(parts[0])
              && contains.stream().allMatch(c -> parts[2].contains((String) c))) {
            found = true;
          }
        }
        assertThat(found).as("%s: a finding %s among %s (%s)", file, finding, mine,
            want.get("note")).isTrue();
      }
    }
  }

  private static boolean same(Object want, Object got) {
    if (want == null || got == null) {
      return want == got;
    }
    if (want instanceof Number w && got instanceof Number g) {
      return w.doubleValue() == g.doubleValue();
    }
    if (want instanceof String w && got instanceof String g && !w.equals(g)) {
      try {
        return OffsetDateTime.parse(w).toInstant().equals(OffsetDateTime.parse(g).toInstant());
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    if (want instanceof List<?> w && got instanceof List<?> g) {
      if (w.size() != g.size()) {
        return false;
      }
      for (int i = 0; i < w.size(); i++) {
        if (!same(w.get(i), g.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (want instanceof Map<?, ?> w && got instanceof Map<?, ?> g) {
      if (!w.keySet().equals(g.keySet())) {
        return false;
      }
      for (Object k : w.keySet()) {
        if (!same(w.get(k), g.get(k))) {
          return false;
        }
      }
      return true;
    }
    return want.equals(got);
  }
}
