// The single-node tier drives the host's dockerd and the multi-node tier three dockerds of its own: on a small
// machine, running both at once starves health checks and makes swarm kill tasks that are only slow to start.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
