package org.segmentdsl.benchmarks;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;

/**
 * What a CRM sync sends the loaded index, for the benchmarks that write to it: each {@link
 * #next} contact is a different one (a stride through all of them), as generated with {@code
 * lifetime_value} raised, so that its batch changes one number field (which no workload reads)
 * and a contact written again gets a new value. {@link #restore} puts every touched contact back
 * as generated, in one batch, so that later benchmarks count the same segments. Not thread-safe:
 * the benchmark thread's alone.
 */
final class ContactSync {
  /** Stride through the contacts: a prime, so coprime with every size made of 2s and 5s. */
  private static final long STRIDE = 7_919;

  private final Dataset data;
  private final ContactIndex index;
  private final BitSet touched = new BitSet();
  private long step;

  ContactSync(LoadedEngines loaded) {
    this.data = loaded.data();
    this.index = loaded.ours().index();
  }

  /** The loaded index. */
  ContactIndex index() {
    return index;
  }

  /** The next contact to upsert. */
  Contact next() {
    int c = (int) (step++ * STRIDE % data.contacts());
    touched.set(c);
    Contact generated = SegmentDslEngine.contact(data, c);
    Map<String, Object> fields = new HashMap<>(generated.fields());
    fields.put("lifetime_value", ((Number) fields.get("lifetime_value")).doubleValue() + 1
        + (step / data.contacts()));
    return new Contact(generated.id(), generated.tags(), generated.lists(), fields,
        generated.account());
  }

  /** Puts back every contact {@link #next} gave, as generated. */
  void restore() {
    index.update(b -> touched.stream().forEach(c -> b.upsert(SegmentDslEngine.contact(data, c))));
    touched.clear();
  }
}
