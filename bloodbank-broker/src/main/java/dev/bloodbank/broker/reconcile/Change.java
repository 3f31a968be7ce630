package dev.bloodbank.broker.reconcile;

import java.util.List;

/**
 * One step of a {@link Plan}. Plain data: renderers (text, JSON) and the plan scheduler read the same
 * values. Exchanges and queues can only be created, re-created or deleted; policies also update
 * in place; bindings have no properties, so they are only created or deleted.
 */
public sealed interface Change permits Change.Create, Change.Update, Change.ReplaceRequired, Change.Delete {

    /** The object the change is about: the desired one, or for a delete the live one. */
    BrokerObject object();

    default ObjectKind kind() {
        return object().kind();
    }

    /** The object does not exist on the broker. */
    record Create(BrokerObject desired) implements Change {
        @Override
        public BrokerObject object() {
            return desired;
        }
    }

    /** The object exists and can be changed in place (policies). */
    record Update(BrokerObject current, BrokerObject desired, List<FieldChange> fields) implements Change {
        public Update {
            fields = List.copyOf(fields);
        }

        @Override
        public BrokerObject object() {
            return desired;
        }
    }

    /**
     * The object exists with properties RabbitMQ never changes in place: only deleting and
     * re-declaring it gets the desired ones. {@code messages} is the queue's last reported count
     * (null when unknown or not a queue); {@code rebind} are the bindings to declare again after a
     * re-creation, since deleting an exchange or queue deletes its bindings.
     */
    record ReplaceRequired(BrokerObject current, BrokerObject desired, List<FieldChange> fields, Long messages,
            List<Binding> rebind) implements Change {
        public ReplaceRequired {
            fields = List.copyOf(fields);
            rebind = List.copyOf(rebind);
        }

        @Override
        public BrokerObject object() {
            return desired;
        }
    }

    /** The object is on the broker and not in the topology; {@code reason} says why it may go. */
    record Delete(BrokerObject current, String reason, Long messages) implements Change {
        @Override
        public BrokerObject object() {
            return current;
        }
    }
}
