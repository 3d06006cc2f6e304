package org.segmentdsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Suggestions;
import org.segmentdsl.internal.table.IndexData;

/**
 * A tag audit of one snapshot: every tag at least one contact carries, sorted by tag ({@link
 * String#compareTo}), with the number of contacts that carry it and what looks wrong with it
 * ("duplicate tags, vague labels … make segmentation less reliable"). {@link
 * IndexSnapshot#tagAudit} makes one; immutable.
 *
 * <pre>{@code
 * TagAudit audit = index.snapshot().tagAudit(savedSegments);
 * System.out.print(audit);
 * // interest-crm: 480 contacts
 * // Interest-CRM: 2 contacts, case-variant of interest-crm, off-convention, rare, unused
 * }</pre>
 *
 * <p>The findings of a tag, in this order (see {@link Kind}):
 *
 * <ul>
 *   <li>{@code case-variant of X}, one per other tag X that is the same tag but for letter case
 *       or surrounding whitespace: equal once both are {@link String#strip() stripped} and put in
 *       lower case ({@link Locale#ROOT}); in X's order;
 *   <li>{@code near-duplicate of X}, one per other tag X at edit distance 1 (one insertion,
 *       deletion, substitution or transposition of two adjacent characters; case-sensitive, by
 *       UTF-16 code unit) that is not a case-variant of it, when both are 5 to 128 characters
 *       long ({@link String#length()}); in X's order. The tags are compared pair by pair within a
 *       length and with the next length, so when the snapshot has more than 20,000 distinct tags
 *       this finding is not looked for at all (no tag has one);
 *   <li>{@code off-convention}: the tag does not follow the convention, when the convention
 *       dominates. A tag follows it when it matches {@code [a-z0-9]+(-[a-z0-9]+)+} and its
 *       prefix (the text before the first {@code -}) is common: at least two tags matching that
 *       pattern have it ({@code source-…}, {@code interest-…}, {@code status-…}). The convention
 *       dominates when at least half of all the tags follow it; otherwise no tag has this
 *       finding;
 *   <li>{@code rare}: carried by fewer than 0.01% of the contacts and by fewer than 3 ({@code
 *       count * 10000 < contacts && count < 3});
 *   <li>{@code unused}: no tag condition of any saved segment matches it, exactly or by pattern,
 *       as evaluation would match it (the condition's op and ignoreCase). Every node of each saved
 *       segment's tree is read; a reference to another segment is that segment's business, read
 *       when that segment is. With no saved segments, every tag is unused.
 * </ul>
 *
 * @param tags one entry per tag, sorted by tag
 */
public record TagAudit(List<Entry> tags) {
  /** Tags longer than this are not compared for near-duplicates. */
  private static final int LONGEST_COMPARED = 128;

  /** Tags shorter than this are never near-duplicates. */
  private static final int SHORTEST_NEAR_DUPLICATE = 5;

  /** Past this many distinct tags, near-duplicates are not looked for. */
  private static final int MOST_TAGS_COMPARED = 20_000;

  /** The pattern a tag of the convention matches: {@code prefix-name}, lower case. */
  private static final Pattern CONVENTION = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)+");

  /** What looks wrong with a tag; the order of the constants is that of a tag's findings. */
  public enum Kind {
    /** The same tag as another but for letter case or surrounding whitespace. */
    CASE_VARIANT("case-variant of"),
    /** At edit distance 1 of another tag, both at least 5 characters long. */
    NEAR_DUPLICATE("near-duplicate of"),
    /** Does not follow the dominant {@code prefix-name} convention of the tags. */
    OFF_CONVENTION("off-convention"),
    /** Carried by fewer than 0.01% of the contacts and by fewer than 3. */
    RARE("rare"),
    /** No saved segment names it, exactly or by pattern. */
    UNUSED("unused");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    /** {@return whether a finding of this kind names the other tag} */
    public boolean namesOther() {
      return this == CASE_VARIANT || this == NEAR_DUPLICATE;
    }

    /** {@return the words that start the finding, such as {@code case-variant of}} */
    public String text() {
      return text;
    }
  }

  /**
   * One thing that looks wrong with a tag.
   *
   * @param kind what it is
   * @param other the other tag, for a {@link Kind#CASE_VARIANT} or a {@link
   *     Kind#NEAR_DUPLICATE}; {@code null} for the other kinds
   */
  public record Finding(Kind kind, @Nullable String other) {
    /**
     * Checks the values.
     *
     * @param kind what it is, not null
     * @param other the other tag: not null for a kind that {@link Kind#namesOther() names one},
     *     null for the others
     * @throws NullPointerException if {@code kind} is null, or {@code other} is null where the
     *     kind names one
     * @throws IllegalArgumentException if {@code other} is given for a kind that names none
     */
    public Finding {
      Objects.requireNonNull(kind, "kind");
      if (kind.namesOther()) {
        Objects.requireNonNull(other, "other");
      } else if (other != null) {
        throw new IllegalArgumentException(kind.text() + " names no other tag");
      }
    }

    /**
     * {@return a finding of a kind that names no other tag}
     *
     * @param kind {@link Kind#OFF_CONVENTION}, {@link Kind#RARE} or {@link Kind#UNUSED}
     * @throws IllegalArgumentException if the kind names another tag
     */
    public static Finding of(Kind kind) {
      if (Objects.requireNonNull(kind, "kind").namesOther()) {
        throw new IllegalArgumentException(kind.text() + " needs the other tag");
      }
      return new Finding(kind, null);
    }

    /**
     * {@return the finding as the JSON output words it: {@code case-variant of X}, {@code
     * near-duplicate of X}, {@code off-convention}, {@code rare} or {@code unused}, with the
     * other tag X as it is}
     */
    @Override
    public String toString() {
      return other == null ? kind.text() : kind.text() + " " + other;
    }
  }

  /**
   * One tag, with the contacts that carry it and its findings.
   *
   * @param tag the tag
   * @param count the contacts that carry it, at least 1
   * @param findings its findings, in the order of their {@link Kind}s (see the class); empty when
   *     nothing looks wrong
   */
  public record Entry(String tag, int count, List<Finding> findings) {
    /**
     * Checks the values and copies the list.
     *
     * @param tag the tag, not null
     * @param count the contacts that carry it, at least 1
     * @param findings its findings, none null
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public Entry {
      Objects.requireNonNull(tag, "tag");
      if (count < 1) {
        throw new IllegalArgumentException("count " + count + " is less than 1");
      }
      findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }

    /**
     * {@return the tag on one line: {@code interest-crm: 480 contacts} and its findings after
     * commas} The tags are shown as they are, or quoted and escaped ({@link Names#quote}) when
     * they have surrounding whitespace, a quote, a comma or a colon.
     */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(shown(tag)).append(": ").append(count)
          .append(count == 1 ? " contact" : " contacts");
      for (Finding f : findings) {
        sb.append(", ").append(f.kind().text());
        if (f.other() != null) {
          sb.append(' ').append(shown(f.other()));
        }
      }
      return sb.toString();
    }
  }

  /**
   * Copies the list.
   *
   * @param tags one entry per tag, sorted by tag; none null
   */
  public TagAudit {
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * {@return one line per tag, each ending with a line feed, as {@link Entry#toString()} gives
   * it; the empty string when no contact has a tag}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Entry e : tags) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  /** A tag as the text output shows it: plain when that reads unambiguously, else quoted. */
  private static String shown(String tag) {
    boolean plain = tag.equals(tag.strip()) && tag.indexOf('"') < 0 && tag.indexOf(',') < 0
        && tag.indexOf(':') < 0;
    return plain ? tag : Names.quote(tag);
  }

  /** The audit of a snapshot's tags against the saved segments that may name them. */
  static TagAudit of(IndexSnapshot snapshot, SegmentRegistry saved) {
    IndexData data = snapshot.data();
    TreeMap<String, Integer> counts = new TreeMap<>();
    data.tags().forEach((tag, rows) -> {
      if (!rows.isEmpty()) {
        counts.put(tag, rows.getCardinality());
      }
    });
    List<String> tags = new ArrayList<>(counts.keySet());
    int contacts = snapshot.size();

    Map<String, List<String>> caseVariants = caseVariants(tags);
    Map<String, List<String>> nearDuplicates = nearDuplicates(tags);
    Set<String> offConvention = offConvention(tags);
    SavedTagConditions used = SavedTagConditions.of(saved);

    List<Entry> entries = new ArrayList<>(tags.size());
    for (String tag : tags) {
      int count = counts.get(tag);
      List<Finding> findings = new ArrayList<>();
      for (String other : caseVariants.getOrDefault(tag, List.of())) {
        findings.add(new Finding(Kind.CASE_VARIANT, other));
      }
      for (String other : nearDuplicates.getOrDefault(tag, List.of())) {
        findings.add(new Finding(Kind.NEAR_DUPLICATE, other));
      }
      if (offConvention.contains(tag)) {
        findings.add(Finding.of(Kind.OFF_CONVENTION));
      }
      if ((long) count * 10_000 < contacts && count < 3) {
        findings.add(Finding.of(Kind.RARE));
      }
      if (!used.match(tag)) {
        findings.add(Finding.of(Kind.UNUSED));
      }
      entries.add(new Entry(tag, count, findings));
    }
    return new TagAudit(entries);
  }

  /** The key that case-variants share: stripped, in lower case. */
  private static String caseKey(String tag) {
    return tag.strip().toLowerCase(Locale.ROOT);
  }

  /** For each tag that has case-variants, the others of its group in sorted order. */
  private static Map<String, List<String>> caseVariants(List<String> sorted) {
    Map<String, List<String>> groups = new HashMap<>();
    for (String tag : sorted) { // each group in sorted order
      groups.computeIfAbsent(caseKey(tag), k -> new ArrayList<>()).add(tag);
    }
    Map<String, List<String>> variants = new HashMap<>();
    for (List<String> group : groups.values()) {
      if (group.size() > 1) {
        for (String tag : group) {
          List<String> others = new ArrayList<>(group);
          others.remove(tag);
          variants.put(tag, others);
        }
      }
    }
    return variants;
  }

  /**
   * For each tag that has near-duplicates, those in sorted order. Tags are grouped by length, and
   * each is compared with those of its length and of the next: a pair of tags at distance 1
   * differs in length by at most 1. A linear check that one edit could turn one into the other
   * rules most pairs out before the distance is computed.
   */
  private static Map<String, List<String>> nearDuplicates(List<String> sorted) {
    Map<String, List<String>> near = new HashMap<>();
    if (sorted.size() > MOST_TAGS_COMPARED) {
      return near;
    }
    List<List<String>> byLength = new ArrayList<>(LONGEST_COMPARED + 2);
    for (int n = 0; n <= LONGEST_COMPARED + 1; n++) {
      byLength.add(new ArrayList<>());
    }
    for (String tag : sorted) {
      if (tag.length() >= SHORTEST_NEAR_DUPLICATE && tag.length() <= LONGEST_COMPARED) {
        byLength.get(tag.length()).add(tag);
      }
    }
    for (int n = SHORTEST_NEAR_DUPLICATE; n <= LONGEST_COMPARED; n++) {
      List<String> same = byLength.get(n);
      List<String> longer = byLength.get(n + 1);
      for (int i = 0; i < same.size(); i++) {
        String a = same.get(i);
        for (int j = i + 1; j < same.size(); j++) {
          pair(a, same.get(j), near);
        }
        for (String b : longer) {
          pair(a, b, near);
        }
      }
    }
    near.values().forEach(list -> list.sort(null));
    return near;
  }

  /** Records {@code a} and {@code b} as near-duplicates of each other if they are. */
  private static void pair(String a, String b, Map<String, List<String>> near) {
    if (oneEditApart(a, b) && Suggestions.distance(a, b) == 1
        && !caseKey(a).equals(caseKey(b))) {
      near.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
      near.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
    }
  }

  /**
   * Whether one substitution, transposition of adjacent characters, insertion or deletion turns
   * {@code a} into {@code b} (two different strings whose lengths differ by at most 1), in one
   * pass: what {@link Suggestions#distance} then confirms, at a fraction of its cost.
   */
  private static boolean oneEditApart(String a, String b) {
    String s = a.length() >= b.length() ? a : b; // the longer
    String t = s == a ? b : a;
    int i = 0;
    while (i < t.length() && s.charAt(i) == t.charAt(i)) {
      i++;
    }
    if (s.length() != t.length()) { // a deletion from s at i
      return s.regionMatches(i + 1, t, i, t.length() - i);
    }
    if (i == s.length()) {
      return false; // equal
    }
    int rest = s.length() - i - 1;
    return s.regionMatches(i + 1, t, i + 1, rest) // a substitution at i
        || (rest > 0 && s.charAt(i) == t.charAt(i + 1) && s.charAt(i + 1) == t.charAt(i)
            && s.regionMatches(i + 2, t, i + 2, rest - 1)); // a transposition at i
  }

  /** The tags that are off the convention, when it dominates; none when it does not. */
  private static Set<String> offConvention(List<String> tags) {
    Map<String, Integer> prefixes = new HashMap<>();
    for (String tag : tags) {
      if (CONVENTION.matcher(tag).matches()) {
        prefixes.merge(prefix(tag), 1, Integer::sum);
      }
    }
    Set<String> off = new LinkedHashSet<>();
    for (String tag : tags) {
      if (!CONVENTION.matcher(tag).matches() || prefixes.get(prefix(tag)) < 2) {
        off.add(tag);
      }
    }
    int following = tags.size() - off.size();
    return 2L * following >= tags.size() ? off : Set.of();
  }

  /** The text before the first {@code -} of a tag of the pattern. */
  private static String prefix(String tag) {
    return tag.substring(0, tag.indexOf('-'));
  }

  /**
   * The distinct tag tests of every saved segment: exact ones in sets (what {@link TagCondition.Op#test}
   * decides for {@code eq}, found by one look-up), patterns in a list.
   */
  private record SavedTagConditions(Set<String> exact, Set<String> exactIgnoringCase,
      List<TagCondition> patterns) {
    static SavedTagConditions of(SegmentRegistry saved) {
      Set<String> exact = new HashSet<>();
      Set<String> exactIgnoringCase = new HashSet<>();
      Set<TagCondition> patterns = new LinkedHashSet<>(); // without labels: equal tests once
      for (String id : saved.ids()) {
        Condition where = saved.get(id).orElseThrow().condition();
        ConditionWalker.walk(where, "/where", (node, place) -> {
          if (node instanceof TagCondition t) {
            if (t.op() == TagCondition.Op.EQ && t.ignoreCase()) {
              exactIgnoringCase.add(t.pattern().toLowerCase(Locale.ROOT));
            } else if (t.op() == TagCondition.Op.EQ) {
              exact.add(t.pattern());
            } else {
              patterns.add(new TagCondition(t.pattern(), t.op(), t.ignoreCase(), null));
            }
          }
          return true;
        });
      }
      return new SavedTagConditions(exact, exactIgnoringCase, List.copyOf(patterns));
    }

    /** Whether some saved tag condition matches {@code tag}. */
    boolean match(String tag) {
      if (exact.contains(tag) || exactIgnoringCase.contains(tag.toLowerCase(Locale.ROOT))) {
        return true;
      }
      for (TagCondition t : patterns) {
        if (t.op().test(tag, t.pattern(), t.ignoreCase())) {
          return true;
        }
      }
      return false;
    }
  }
}
