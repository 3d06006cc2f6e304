/**
 * Segment DSL's engine: the contact index on roaring bitmaps, the condition tree, the fluent DSL,
 * evaluation, live segments and snapshot files.
 *
 * <p>The API is {@code org.segmentdsl} (index, batches, contacts, events, results, live segments,
 * snapshots), {@code org.segmentdsl.condition} (the immutable condition records) and {@code
 * org.segmentdsl.dsl} (the fluent builders). The evaluator ({@code org.segmentdsl.eval}) and the
 * shared internals ({@code org.segmentdsl.internal}: input files, name suggestions) are open to
 * the JSON module only; the storage ({@code org.segmentdsl.internal.column}, {@code .event},
 * {@code .table}, {@code .write}, {@code .snapshot}) is open to no module.
 */
// "module": the qualified exports name the JSON and SQL modules, not there when the core compiles;
// "requires-automatic": the Aho-Corasick jar has no module name (see the README's Embedding)
@SuppressWarnings({"module", "requires-automatic"})
module org.segmentdsl.core {
  requires transitive roaringbitmap;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;
  // the Aho-Corasick automaton behind many contains patterns; its jar declares no module name
  requires ahocorasick;

  exports org.segmentdsl;
  exports org.segmentdsl.condition;
  exports org.segmentdsl.dsl;
  exports org.segmentdsl.eval to org.segmentdsl.json, org.segmentdsl.sql;
  exports org.segmentdsl.internal to org.segmentdsl.json;
}
