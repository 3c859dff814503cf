// Replaces kafkajs 2.2.4's src/consumer/filterAbortedMessages.js (see stack/patch-kafkajs.mjs).
//
// A read_committed fetch returns the records up to the last stable offset and
// the list of aborted transactions (producer id, first offset) among them.
// The consumer must drop every record of an aborted transaction: from its
// first offset until the producer's abort marker. kafkajs 2.2.4 took at most
// one aborted transaction into account per record and assumed the list sorted,
// so with several producers writing one partition, records of an aborted
// transaction could reach a read_committed consumer.
const Long = require('../utils/long')

const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0])

const isAbortMarker = ({ key }) => Boolean(key) && Buffer.from(key).equals(ABORT_MARKER_KEY)

module.exports = ({ messages, abortedTransactions }) => {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages

  const pending = [...abortedTransactions].sort((a, b) =>
    Long.fromValue(a.firstOffset).compare(Long.fromValue(b.firstOffset))
  )
  const abortedProducers = new Set()

  return messages.filter(message => {
    const offset = Long.fromValue(message.offset)
    while (pending.length > 0 && offset.gte(Long.fromValue(pending[0].firstOffset))) {
      abortedProducers.add(String(pending.shift().producerId))
    }
    const { producerId, inTransaction } = message.batchContext
    if (message.isControlRecord) {
      if (isAbortMarker(message)) abortedProducers.delete(String(producerId))
      return true
    }
    return !(inTransaction && abortedProducers.has(String(producerId)))
  })
}
