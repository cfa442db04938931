//! The primary's side of replication: the `authorized_keys` file it manages for the
//! replicas' keys (each forced through `rrsync -ro`) and the view directory they read.
