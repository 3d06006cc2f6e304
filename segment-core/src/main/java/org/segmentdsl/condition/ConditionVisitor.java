package org.segmentdsl.condition;

/**
 * A visitor over {@link Condition} trees: one method per node kind, so that adding a kind breaks
 * every visitor at compile time.
 *
 * <pre>{@code
 * int tags = condition.accept(new ConditionVisitor<Integer>() {
 *   public Integer visitAll(All all) { return all.conditions().stream().mapToInt(c -> c.accept(this)).sum(); }
 *   public Integer visitAny(Any any) { return any.conditions().stream().mapToInt(c -> c.accept(this)).sum(); }
 *   public Integer visitNot(Not not) { return not.condition().accept(this); }
 *   public Integer visitTag(TagCondition tag) { return 1; }
 *   public Integer visitList(ListCondition list) { return 0; }
 *   public Integer visitField(FieldCondition field) { return 0; }
 *   public Integer visitEvent(EventCondition event) { return 0; }
 *   public Integer visitSegment(SegmentReference segment) { return 0; }
 *   public Integer visitDeal(DealCondition deal) { return 0; }
 *   public Integer visitAccount(AccountCondition account) { return 0; }
 * });
 * }</pre>
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

  R visitEvent(EventCondition event);

  R visitSegment(SegmentReference segment);

  R visitDeal(DealCondition deal);

  R visitAccount(AccountCondition account);
}
