package org.segmentdsl.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;

/**
 * Account members against a map of sets, through batches of links and unlinks: one account grows
 * past {@value AccountMembers#SMALL} contacts (array to bitmap) and shrinks back (bitmap to
 * array), the others stay small; every published version keeps answering as it did.
 */
class AccountMembersTest {
  @Test
  void membersMatchAModelAcrossBothFormsAndOldVersionsNeverChange() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    Map<Integer, TreeSet<Integer>> model = new HashMap<>();
    AccountMembers members = AccountMembers.empty();
    List<AccountMembers> versions = new ArrayList<>();
    List<Map<Integer, TreeSet<Integer>>> states = new ArrayList<>();
    int bigAccount = 7;
    for (int batch = 0; batch < 400; batch++) {
      WriteScope scope = new WriteScope();
      AccountMembers next = members.edit(scope);
      // the big account grows for the first half, then shrinks
      boolean growing = batch < 200;
      for (int op = 0; op < 40; op++) {
        int account = r.nextInt(3) == 0 ? bigAccount : r.nextInt(5_000);
        int row = r.nextInt(account == bigAccount ? 300_000 : 2_000_000);
        TreeSet<Integer> rows = model.computeIfAbsent(account, a -> new TreeSet<>());
        boolean add = account == bigAccount ? growing == (r.nextInt(10) != 0) : r.nextBoolean();
        if (!add && !rows.isEmpty() && r.nextBoolean()) {
          row = account == bigAccount && !growing ? rows.pollFirst() : rows.first();
          rows.add(row);
        }
        if (add) {
          next.add(scope, account, row);
          rows.add(row);
        } else {
          next.remove(scope, account, row);
          rows.remove(row);
        }
      }
      members = next;
      check(members, model, "seed " + seed + ", batch " + batch);
      if (batch % 23 == 0) {
        versions.add(members);
        Map<Integer, TreeSet<Integer>> copy = new HashMap<>();
        model.forEach((a, rows) -> copy.put(a, new TreeSet<>(rows)));
        states.add(copy);
      }
    }
    assertThat(states.stream().mapToInt(s -> s.getOrDefault(bigAccount, new TreeSet<>()).size())
        .max().orElse(0)).as("seed %d: the big account went over", seed)
        .isGreaterThan(AccountMembers.SMALL);
    for (int v = 0; v < versions.size(); v++) {
      check(versions.get(v), states.get(v), "seed " + seed + ", version " + v);
    }
  }

  private static void check(AccountMembers members, Map<Integer, TreeSet<Integer>> model,
      String what) {
    RoaringBitmap union = new RoaringBitmap();
    RoaringBitmap expectedUnion = new RoaringBitmap();
    model.forEach((account, rows) -> {
      RoaringBitmap got = members.get(account);
      RoaringBitmap expected = new RoaringBitmap();
      rows.forEach(expected::add);
      assertThat(got == null ? new RoaringBitmap() : got).as("%s, account %d", what, account)
          .isEqualTo(expected);
      members.addTo(union, account);
      expectedUnion.or(expected);
    });
    assertThat(union).as("%s: union", what).isEqualTo(expectedUnion);
  }
}
