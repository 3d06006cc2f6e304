package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexBatch#containsContact} and {@link IndexBatch#containsAccount} answer for the point
 * of the batch where they are asked: what the batch added or removed so far counts.
 */
class BatchContainsTest {
  static final Schema SCHEMA = Schema.builder().accountField("industry", FieldType.STRING).build();

  @Test
  void aContactCountsFromWhenTheBatchAddsItUntilItRemovesIt() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.upsert(Contact.builder("c-1").build());
    List<Boolean> seen = new ArrayList<>();
    index.update(b -> {
      seen.add(b.containsContact("c-1"));
      seen.add(b.containsContact("c-2"));
      b.upsert(Contact.builder("c-2").build());
      seen.add(b.containsContact("c-2"));
      b.remove("c-1");
      seen.add(b.containsContact("c-1"));
      seen.add(b.containsContact(null));
    });
    assertThat(seen).containsExactly(true, false, true, false, false);
    index.update(b -> seen.add(b.containsContact("c-2")));
    assertThat(seen).endsWith(true);
  }

  @Test
  void anAccountCountsFromWhenTheBatchAddsItUntilItRemovesIt() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsertAccount(Account.builder("acme").build()));
    List<Boolean> seen = new ArrayList<>();
    index.update(b -> {
      seen.add(b.containsAccount("acme"));
      seen.add(b.containsAccount("globex"));
      b.upsertAccount(Account.builder("globex").build());
      seen.add(b.containsAccount("globex"));
      b.removeAccount("acme");
      seen.add(b.containsAccount("acme"));
      seen.add(b.containsAccount(null));
    });
    assertThat(seen).containsExactly(true, false, true, false, false);
  }

  @Test
  void aBatchThatHasEndedCannotBeAsked() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    IndexBatch[] kept = new IndexBatch[1];
    index.update(b -> kept[0] = b);
    assertThatThrownBy(() -> kept[0].containsContact("c-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> kept[0].containsAccount("acme"))
        .isInstanceOf(IllegalStateException.class);
  }
}
