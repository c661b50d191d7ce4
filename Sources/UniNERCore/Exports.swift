// `AtomicFile` lives in UniNERFiles, below the core and the numerics (which does not depend on the core), so
// that both write files one way. Re-exported so that the core's clients, which all write run folders, see it
// as part of the core, as they did when it was defined here.
@_exported import UniNERFiles
