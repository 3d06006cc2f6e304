package org.segmentdsl.condition;

/**
 * A visitor over {@link Condition} trees: one method per node kind, so that adding a kind breaks
 * every visitor at compile time.
 *
 * @param <R> what a visit returns
 */
public interface ConditionVisitor<R> {
  R visitAll(All all);

  R visitAny(Any any);

  R visitNot(Not not);

  R visitTag(TagCondition tag);

  R visitList(ListCondition list);

  R visitField(FieldCondition field);
}
