/**
 * The condition tree: immutable records, compared structurally, that the DSL ({@link
 * org.segmentdsl.dsl.Conditions}) and the JSON reader build and the evaluator walks. A condition
 * prints as the DSL expression that builds it.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable @Nullable} (a
 * label, an open window bound, a list condition's "any status").
 */
@NullMarked
package org.segmentdsl.condition;

import org.jspecify.annotations.NullMarked;
