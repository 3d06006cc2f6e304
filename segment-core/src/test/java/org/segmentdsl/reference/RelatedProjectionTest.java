package org.segmentdsl.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.Condition;

/**
 * Deals and accounts projected to contacts, on enough of them that both ways of each projection
 * run: a few matching accounts are the OR of their members' bitmaps and many are one scan of the
 * contacts' account column; a few matching deals have their owners sorted and many are marked in a
 * bit set. Each evaluation is compared with a plain map of who links to what, through relinks,
 * removals of contacts, accounts and deals, and changed fields.
 */
class RelatedProjectionTest {
  private static final Schema SCHEMA = Schema.builder()
      .dealField("stage", FieldType.STRING)
      .accountField("industry", FieldType.STRING)
      .build();
  private static final EvaluationContext CTX =
      EvaluationContext.at(Instant.parse("2026-12-01T00:00:00Z"));
  /** The last is rare: a handful of accounts or deals, so the other way of projecting runs. */
  private static final List<String> INDUSTRIES =
      List.of("SaaS", "Retail", "Health", "Finance", "Media", "Mining");
  private static final List<String> STAGES = List.of("Lead", "Qualified", "Won", "Lost", "Frozen");

  private static final int CONTACTS = 6_000;
  private static final int ACCOUNTS = 900;
  private static final int DEALS = 30_000;

  @Test
  void projectionsMatchAPlainMapThroughChanges() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(3);
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        run(new SplittableRandom(seed));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n"
            + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
  }

  private static String pick(SplittableRandom r, List<String> values) {
    // the last value one time in 300
    return r.nextInt(300) == 0 ? values.get(values.size() - 1)
        : values.get(r.nextInt(values.size() - 1));
  }

  private static void run(SplittableRandom r) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    Map<String, String> industryOf = new HashMap<>();
    Map<String, String> accountOf = new HashMap<>();
    Map<String, String[]> deals = new HashMap<>(); // id -> {owner, stage}
    index.update(b -> {
      for (int a = 0; a < ACCOUNTS; a++) {
        String industry = pick(r, INDUSTRIES);
        industryOf.put("a" + a, industry);
        b.upsertAccount(Account.builder("a" + a).field("industry", industry).build());
      }
      for (int c = 0; c < CONTACTS; c++) {
        Contact.Builder contact = Contact.builder("c" + c);
        if (r.nextInt(5) != 0) {
          String a = "a" + r.nextInt(ACCOUNTS);
          accountOf.put("c" + c, a);
          contact.account(a);
        }
        b.upsert(contact.build());
      }
      for (int d = 0; d < DEALS; d++) {
        String owner = "c" + r.nextInt(CONTACTS);
        String stage = pick(r, STAGES);
        deals.put("d" + d, new String[] {owner, stage});
        b.upsertDeal(Deal.builder("d" + d, owner).field("stage", stage).build());
      }
    });
    check(index, r, industryOf, accountOf, deals);
    for (int round = 0; round < 3; round++) {
      index.update(b -> {
        for (int i = 0; i < 300; i++) {
          String c = "c" + r.nextInt(CONTACTS);
          switch (r.nextInt(6)) {
            case 0 -> { // relink or unlink
              String a = r.nextBoolean() ? "a" + r.nextInt(ACCOUNTS) : null;
              if (a != null && !industryOf.containsKey(a)) {
                a = null;
              }
              if (a == null) {
                accountOf.remove(c);
              } else {
                accountOf.put(c, a);
              }
              b.upsert(Contact.builder(c).account(a).build());
            }
            case 1 -> { // remove a contact and its deals
              accountOf.remove(c);
              deals.values().removeIf(d -> d[0].equals(c));
              b.remove(c);
              b.upsert(Contact.builder(c).build()); // back, without account or deals
            }
            case 2 -> { // remove an account: its contacts lose the link
              String a = "a" + r.nextInt(ACCOUNTS);
              industryOf.remove(a);
              accountOf.values().removeIf(a::equals);
              b.removeAccount(a);
            }
            case 3 -> { // a new or changed account
              String a = "a" + r.nextInt(ACCOUNTS);
              String industry = pick(r, INDUSTRIES);
              industryOf.put(a, industry);
              b.upsertAccount(Account.builder(a).field("industry", industry).build());
            }
            case 4 -> {
              String d = "d" + r.nextInt(DEALS);
              deals.remove(d);
              b.removeDeal(d);
            }
            default -> { // a new or changed deal, maybe to another owner
              String d = "d" + r.nextInt(DEALS);
              String stage = pick(r, STAGES);
              deals.put(d, new String[] {c, stage});
              b.upsertDeal(Deal.builder(d, c).field("stage", stage).build());
            }
          }
        }
      });
      check(index, r, industryOf, accountOf, deals);
    }
  }

  private static void check(ContactIndex index, SplittableRandom r, Map<String, String> industryOf,
      Map<String, String> accountOf, Map<String, String[]> deals) {
    for (int q = 0; q < 12; q++) {
      Set<String> industries = subset(r, INDUSTRIES, q);
      Condition c = account(field("industry").in(industries));
      Set<String> expected = new HashSet<>();
      accountOf.forEach((contact, a) -> {
        if (industries.contains(industryOf.get(a))) {
          expected.add(contact);
        }
      });
      assertThat(new HashSet<>(index.evaluate(c, CTX).ids())).as(c.toString())
          .isEqualTo(expected);

      Set<String> stages = subset(r, STAGES, q);
      Condition d = deal(field("stage").in(stages));
      Set<String> owners = new HashSet<>();
      deals.values().forEach(x -> {
        if (stages.contains(x[1])) {
          owners.add(x[0]);
        }
      });
      assertThat(new HashSet<>(index.evaluate(d, CTX).ids())).as(d.toString())
          .isEqualTo(owners);
    }
  }

  /** Query {@code q}: the rare value alone, then one common value, then random subsets. */
  private static Set<String> subset(SplittableRandom r, List<String> values, int q) {
    if (q == 0) {
      return Set.of(values.get(values.size() - 1));
    }
    if (q == 1) {
      return Set.of(values.get(0));
    }
    Set<String> s = new HashSet<>();
    for (String v : values) {
      if (r.nextBoolean()) {
        s.add(v);
      }
    }
    return s.isEmpty() ? Set.of(values.get(1)) : s;
  }
}
