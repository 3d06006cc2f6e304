package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagContains;
import static org.segmentdsl.dsl.Conditions.tagEndsWith;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.TagAudit.Entry;
import org.segmentdsl.TagAudit.Finding;
import org.segmentdsl.TagAudit.Kind;
import org.segmentdsl.condition.Condition;

class TagAuditTest {
  private static final Schema SCHEMA = Schema.builder().build();

  /** Tag by number of carriers, over 10 contacts. */
  private static final Map<String, Integer> TAGS = new LinkedHashMap<>();

  static {
    TAGS.put("interest-crm", 5);
    TAGS.put("Interest-crm", 1); // one edit from interest-crm, but only in case
    TAGS.put("interest-crm ", 1);
    TAGS.put("interest-email", 3);
    TAGS.put("interest-emial", 1);
    TAGS.put("lead", 2);
    TAGS.put("leads", 1); // one edit from lead, which is too short
    TAGS.put("plan-pro", 2); // of the pattern, but its prefix is its own
    TAGS.put("source-ads", 4);
    TAGS.put("source-web", 2);
    TAGS.put("status-customer", 1);
    TAGS.put("status-lead", 10);
  }

  /** Saved segments that name some tags exactly, some by pattern, one ignoring case. */
  private static final SegmentRegistry SAVED = SegmentRegistry.of(
      saved("crm-prospects", all(tag("interest-crm"), tagStartsWith("status-"))),
      saved("leads-or-web", any(tag("LEAD").ignoringCase(), tagEndsWith("-web"))),
      saved("typos", not(tagContains("emial"))));

  private static Segment saved(String id, Condition where) {
    return Segment.builder().id(id).where(where).build();
  }

  /** An index of {@code contacts} contacts, the first {@code n} of which carry each tag. */
  private static IndexSnapshot index(int contacts, Map<String, Integer> tags) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      for (int i = 0; i < contacts; i++) {
        List<String> carried = new ArrayList<>();
        for (Map.Entry<String, Integer> t : tags.entrySet()) {
          if (i < t.getValue()) {
            carried.add(t.getKey());
          }
        }
        b.upsert(Contact.builder("c-" + i).tags(carried).build());
      }
    });
    return index.snapshot();
  }

  private static List<String> findings(TagAudit audit, String tag) {
    return audit.tags().stream().filter(e -> e.tag().equals(tag)).findFirst().orElseThrow()
        .findings().stream().map(Finding::toString).toList();
  }

  @Test
  void everyTagIsListedInOrderWithItsCountAndFindings() {
    TagAudit audit = index(10, TAGS).tagAudit(SAVED);

    assertThat(audit.tags()).extracting(Entry::tag).containsExactly("Interest-crm",
        "interest-crm", "interest-crm ", "interest-email", "interest-emial", "lead", "leads",
        "plan-pro", "source-ads", "source-web", "status-customer", "status-lead");
    assertThat(audit.tags()).extracting(Entry::count)
        .containsExactly(1, 5, 1, 3, 1, 2, 1, 2, 4, 2, 1, 10);
    Map<String, List<String>> byTag = new LinkedHashMap<>();
    audit.tags().forEach(e -> byTag.put(e.tag(),
        e.findings().stream().map(Finding::toString).toList()));
    assertThat(byTag).containsExactly(
        Map.entry("Interest-crm", List.of("case-variant of interest-crm",
            "case-variant of interest-crm ", "off-convention", "unused")),
        Map.entry("interest-crm", List.of("case-variant of Interest-crm",
            "case-variant of interest-crm ")),
        Map.entry("interest-crm ", List.of("case-variant of Interest-crm",
            "case-variant of interest-crm", "off-convention", "unused")),
        Map.entry("interest-email", List.of("near-duplicate of interest-emial", "unused")),
        Map.entry("interest-emial", List.of("near-duplicate of interest-email")),
        Map.entry("lead", List.of("off-convention")),
        Map.entry("leads", List.of("off-convention", "unused")),
        Map.entry("plan-pro", List.of("off-convention", "unused")),
        Map.entry("source-ads", List.of("unused")),
        Map.entry("source-web", List.of()),
        Map.entry("status-customer", List.of()),
        Map.entry("status-lead", List.of()));
  }

  @Test
  void aTagThatDiffersOnlyInCaseIsACaseVariantNotANearDuplicate() {
    TagAudit audit = index(10, Map.of("interest-crm", 2, "Interest-CRM", 2, "Interest-crm", 2))
        .tagAudit(SAVED);

    assertThat(findings(audit, "Interest-crm")).containsExactly(
        "case-variant of Interest-CRM", "case-variant of interest-crm", "unused");
    assertThat(audit.tags()).flatExtracting(Entry::findings).extracting(Finding::kind)
        .doesNotContain(Kind.NEAR_DUPLICATE);
  }

  @Test
  void nearDuplicatesNeedBothTagsOfFiveCharactersAndOneEdit() {
    TagAudit audit = index(10, Map.of("abcd", 1, "abce", 1, "abcde", 1, "abcdf", 1,
        "abdcf", 1, "abcdfg", 1, "abcxyz", 1)).tagAudit(SAVED);

    assertThat(findings(audit, "abcd")).containsExactly("unused");
    assertThat(findings(audit, "abce")).containsExactly("unused");
    assertThat(findings(audit, "abcde")).containsExactly("near-duplicate of abcdf", "unused");
    // a substitution, an insertion, a transposition
    assertThat(findings(audit, "abcdf")).containsExactly("near-duplicate of abcde",
        "near-duplicate of abcdfg", "near-duplicate of abdcf", "unused");
    assertThat(findings(audit, "abcxyz")).containsExactly("unused");
  }

  @Test
  void tagsLongerThan128CharactersAreNotComparedForNearDuplicates() {
    String longTag = "a".repeat(129);
    String shortEnough = "b".repeat(128);
    TagAudit audit = index(10, Map.of(longTag, 1, longTag.substring(1) + "x", 1, shortEnough, 1,
        shortEnough.substring(1) + "c", 1)).tagAudit(SAVED);

    assertThat(findings(audit, longTag)).noneMatch(f -> f.startsWith("near-duplicate"));
    assertThat(findings(audit, shortEnough))
        .contains("near-duplicate of " + shortEnough.substring(1) + "c");
  }

  @Test
  void pastTwentyThousandTagsNearDuplicatesAreNotLookedFor() {
    Map<String, Integer> tags = new LinkedHashMap<>();
    for (int i = 0; i <= 20_000; i++) {
      tags.put(String.format("item-%05d", i), 1);
    }
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> tags.keySet().forEach(t -> b.upsert(Contact.builder(t).tags(t).build())));

    TagAudit audit = index.snapshot().tagAudit(SegmentRegistry.empty());

    assertThat(audit.tags()).hasSize(20_001);
    assertThat(audit.tags()).flatExtracting(Entry::findings).extracting(Finding::kind)
        .doesNotContain(Kind.NEAR_DUPLICATE);
  }

  @Test
  void noTagIsOffConventionWhenFewerThanHalfFollowIt() {
    TagAudit audit = index(10, Map.of("alpha", 1, "beta", 1, "delta", 1, "gamma-one", 1,
        "gamma-two", 1)).tagAudit(SAVED);

    assertThat(audit.tags()).flatExtracting(Entry::findings).extracting(Finding::kind)
        .doesNotContain(Kind.OFF_CONVENTION);
  }

  @Test
  void exactlyHalfTheTagsFollowingTheConventionMakesItDominant() {
    TagAudit audit = index(10, Map.of("alpha", 1, "beta", 1, "gamma-one", 1, "gamma-two", 1))
        .tagAudit(SAVED);

    assertThat(findings(audit, "alpha")).contains("off-convention");
    assertThat(findings(audit, "beta")).contains("off-convention");
    assertThat(findings(audit, "gamma-one")).doesNotContain("off-convention");
  }

  @Test
  void twoCarriersOfTenContactsAreNotRare() {
    TagAudit audit = index(10, Map.of("interest-crm", 2, "interest-web", 1)).tagAudit(SAVED);

    assertThat(audit.tags()).flatExtracting(Entry::findings).extracting(Finding::kind)
        .doesNotContain(Kind.RARE);
  }

  @Test
  void fewerThanOneContactInTenThousandAndFewerThanThreeIsRare() {
    Map<String, Integer> tags = Map.of("interest-two", 2, "interest-one", 1);

    assertThat(findings(index(20_001, tags).tagAudit(SAVED), "interest-two")).contains("rare");
    // 2 of 20,000 is exactly 0.01%: not fewer
    TagAudit atTheBoundary = index(20_000, tags).tagAudit(SAVED);
    assertThat(findings(atTheBoundary, "interest-two")).doesNotContain("rare");
    assertThat(findings(atTheBoundary, "interest-one")).contains("rare");
  }

  @Test
  void threeCarriersAreNeverRare() {
    TagAudit audit = index(30_001, Map.of("interest-three", 3, "interest-two", 2))
        .tagAudit(SAVED);

    assertThat(findings(audit, "interest-three")).doesNotContain("rare");
    assertThat(findings(audit, "interest-two")).contains("rare");
  }

  @Test
  void aTagMatchedByAPatternOrIgnoringCaseIsUsed() {
    TagAudit audit = index(10, Map.of("status-customer", 1, "LEAD", 1, "source-web", 1,
        "interest-emial", 1, "interest-email", 1)).tagAudit(SAVED);

    assertThat(findings(audit, "status-customer")).doesNotContain("unused");
    assertThat(findings(audit, "LEAD")).doesNotContain("unused");
    assertThat(findings(audit, "source-web")).doesNotContain("unused");
    assertThat(findings(audit, "interest-emial")).doesNotContain("unused"); // below a not
    assertThat(findings(audit, "interest-email")).contains("unused");
  }

  @Test
  void withoutSavedSegmentsEveryTagIsUnused() {
    TagAudit audit = index(10, TAGS).tagAudit(SegmentRegistry.empty());

    assertThat(audit.tags()).allSatisfy(e ->
        assertThat(e.findings()).last().isEqualTo(Finding.of(Kind.UNUSED)));
  }

  @Test
  void aTagNoContactCarriesAnyMoreIsNotListed() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").tags("interest-crm", "status-lead").build())
        .upsert(Contact.builder("c-2").tags("status-lead").build()));
    index.remove("c-1");

    TagAudit audit = index.snapshot().tagAudit(SAVED);

    assertThat(audit.tags()).containsExactly(new Entry("status-lead", 1, List.of()));
    assertThat(ContactIndex.create(SCHEMA).snapshot().tagAudit(SAVED).tags()).isEmpty();
  }

  @Test
  void textHasALinePerTagWithItsFindings() {
    TagAudit audit = index(10, TAGS).tagAudit(SAVED);

    assertThat(audit.toString()).startsWith("""
        Interest-crm: 1 contact, case-variant of interest-crm, case-variant of "interest-crm ", \
        off-convention, unused
        interest-crm: 5 contacts, case-variant of Interest-crm, case-variant of "interest-crm "
        "interest-crm ": 1 contact, case-variant of Interest-crm, case-variant of interest-crm, \
        off-convention, unused
        """).endsWith("""
        source-web: 2 contacts
        status-customer: 1 contact
        status-lead: 10 contacts
        """);
    assertThat(audit.toString().lines()).hasSize(12);
  }

  @Test
  void findingsReadAsTheJsonOutputWordsThem() {
    assertThat(new Finding(Kind.CASE_VARIANT, "Vip")).hasToString("case-variant of Vip");
    assertThat(new Finding(Kind.NEAR_DUPLICATE, "interest-crm"))
        .hasToString("near-duplicate of interest-crm");
    assertThat(Finding.of(Kind.OFF_CONVENTION)).hasToString("off-convention");
    assertThat(Finding.of(Kind.RARE)).hasToString("rare");
    assertThat(Finding.of(Kind.UNUSED)).hasToString("unused");
  }

  @Test
  void valuesAreCheckedWhereTheyAreGiven() {
    assertThatThrownBy(() -> new Finding(Kind.CASE_VARIANT, null))
        .isInstanceOf(NullPointerException.class).hasMessage("other");
    assertThatThrownBy(() -> new Finding(Kind.RARE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Finding.of(Kind.NEAR_DUPLICATE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry("x", 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TagAudit(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("tags");
    assertThatThrownBy(() -> ContactIndex.create(SCHEMA).snapshot().tagAudit(null))
        .isInstanceOf(NullPointerException.class).hasMessage("savedSegments");
    List<Finding> findings = new ArrayList<>(List.of(Finding.of(Kind.RARE)));
    Entry entry = new Entry("x", 1, findings);
    findings.clear();
    assertThat(entry.findings()).hasSize(1);
  }
}
