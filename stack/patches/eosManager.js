// Replaces kafkajs 2.2.4's src/producer/eosManager/index.js (see
// stack/patch-kafkajs.mjs) with the original, kept beside it as
// index.js.orig, behind a cache of coordinator lookups. The original asks the
// cluster for the transaction coordinator before AddPartitionsToTxn,
// AddOffsetsToTxn and EndTxn, and for the group coordinator before
// TxnOffsetCommit: four FindCoordinator round trips in every transaction of
// eight. Coordinators move only when the cluster changes, so a lookup is
// remembered until a transactional request fails; then every remembered
// lookup is forgotten and the next one asks the cluster again. Within one
// operation a second lookup of the same coordinator always asks the cluster:
// that is the original's own retry after a stale coordinator, and it must not
// be handed the stale one again.
const createEosManager = require('./index.js.orig')

/** The manager's operations that talk to coordinators. */
const OPERATIONS = ['initProducerId', 'addPartitionsToTransaction', 'sendOffsets', 'commit', 'abort']

module.exports = options => {
  const { cluster } = options
  const remembered = new Map()
  /** Lookups made by the operation in progress: a repeat within it is a retry. */
  let askedInOperation = null

  const findGroupCoordinator = async ({ groupId, coordinatorType }) => {
    const key = `${coordinatorType}:${groupId}`
    const retry = askedInOperation !== null && askedInOperation.has(key)
    if (askedInOperation !== null) askedInOperation.add(key)
    const known = remembered.get(key)
    if (known !== undefined && !retry) return known
    const broker = await cluster.findGroupCoordinator({ groupId, coordinatorType })
    remembered.set(key, broker)
    return broker
  }

  // The original reads these four members of the cluster; every other use goes to the cluster itself.
  const clusterWithMemory = new Proxy(cluster, {
    get(target, property) {
      if (property === 'findGroupCoordinator') return findGroupCoordinator
      const value = target[property]
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

  const manager = createEosManager({ ...options, cluster: clusterWithMemory })
  const withMemory = { ...manager }
  for (const name of OPERATIONS) {
    const operation = manager[name]
    withMemory[name] = async (...args) => {
      const outer = askedInOperation === null
      if (outer) askedInOperation = new Set()
      try {
        return await operation(...args)
      } catch (error) {
        remembered.clear()
        throw error
      } finally {
        if (outer) askedInOperation = null
      }
    }
  }
  return withMemory
}
