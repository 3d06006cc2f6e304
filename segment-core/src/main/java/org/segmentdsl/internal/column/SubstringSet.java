package org.segmentdsl.internal.column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntConsumer;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Many {@code contains} patterns searched together: which of them a string contains, found in one
 * pass over the string by an Aho-Corasick automaton of the patterns (the {@code org.ahocorasick}
 * library) instead of one {@link String#contains} per pattern. Chars compare exactly as in {@code
 * String.contains}; folding case is the caller's business, because the library's own ignoreCase
 * folds char by char, which is not {@code toLowerCase(Locale.ROOT)} (İ becomes two chars, a final
 * Σ another letter). The empty pattern is in every string, as {@code String.contains} says; the
 * library would drop it.
 *
 * <pre>{@code
 * SubstringSet set = new SubstringSet(List.of("ab", "b", ""));
 * set.forEachIn("abc", i -> ...); // i = 2, 0, 1 in some order, each once
 * }</pre>
 *
 * <p>Not thread-safe: it remembers which patterns the current string has shown already.
 */
final class SubstringSet {
  private final PayloadTrie<Integer> trie;
  /** The positions of the empty pattern: found in every string. */
  private final int[] everywhere;
  /** {@code seenIn[i]}: the number of the last string pattern {@code i} was reported for. */
  private final long[] seenIn;
  private long strings;

  /**
   * The automaton of {@code patterns}, which must be distinct.
   *
   * @throws IllegalArgumentException if a pattern is repeated
   */
  SubstringSet(List<String> patterns) {
    if (new HashSet<>(patterns).size() != patterns.size()) {
      // the library keeps one of equal keywords: the other would never be reported
      throw new IllegalArgumentException("patterns are not distinct: " + patterns);
    }
    PayloadTrie.PayloadTrieBuilder<Integer> builder = PayloadTrie.builder();
    List<Integer> empty = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).isEmpty()) {
        empty.add(i);
      } else {
        builder.addKeyword(patterns.get(i), i);
      }
    }
    trie = builder.build(); // overlapping matches are all reported: the library's default
    everywhere = empty.stream().mapToInt(Integer::intValue).toArray();
    seenIn = new long[patterns.size()];
  }

  /** Calls {@code found} once with the position of each pattern that {@code text} contains. */
  void forEachIn(String text, IntConsumer found) {
    long string = ++strings;
    for (int i : everywhere) {
      found.accept(i);
    }
    trie.parseText(text, emit -> {
      int i = emit.getPayload();
      if (seenIn[i] != string) { // a pattern found again further on is reported once
        seenIn[i] = string;
        found.accept(i);
      }
      return true;
    });
  }
}
