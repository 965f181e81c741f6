// Every fixture starts several real processes on a 2-core machine: one class at a time keeps them responsive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
