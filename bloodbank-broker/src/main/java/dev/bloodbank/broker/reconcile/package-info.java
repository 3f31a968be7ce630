/** The reconciler: the broker objects a topology needs, the live state, the plan between them, and its safe execution. */
package dev.bloodbank.broker.reconcile;
