use super::*;
use shared::clients::Connection;
use shared::replication::CatalogLocation;

fn client(id: i64, name: &str) -> CatalogClient {
    CatalogClient {
        id,
        name: name.into(),
        description: String::new(),
        connection: Connection::Local,
        ssh_options: vec![],
        rsync_options: vec![],
    }
}

fn job(id: i64, client_id: i64, location: Option<i64>) -> CatalogJob {
    CatalogJob {
        id,
        client_id,
        name: format!("job {id}"),
        description: String::new(),
        source_path: "/srv".into(),
        include: None,
        exclude: None,
        use_local_permissions: false,
        location_id: location,
    }
}

fn catalog() -> Catalog {
    Catalog {
        instance_url: "https://b1".into(),
        locations: vec![
            CatalogLocation {
                id: 1,
                name: "disk".into(),
            },
            CatalogLocation {
                id: 2,
                name: "tape".into(),
            },
        ],
        clients: vec![client(10, "web"), client(11, "db"), client(12, "mail")],
        jobs: vec![
            job(100, 10, Some(1)),
            job(101, 11, Some(2)),
            job(102, 12, Some(1)),
        ],
    }
}

const MAP: &[LocationMapping] = &[LocationMapping {
    primary: 1,
    local: 7,
}];

fn sel(all: bool, ids: &[i64]) -> Selection<'_> {
    Selection {
        source_name: "b1",
        all_clients: all,
        client_ids: ids,
        locations: MAP,
    }
}

#[test]
fn all_clients_new_with_a_clash_and_an_unmapped_job() {
    let cat = catalog();
    let local = Local {
        other_names: ["WEB".to_owned()].into_iter().collect(),
        ..Local::default()
    };
    let p = plan(&cat, &sel(true, &[]), &local);
    let names: Vec<&str> = p.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["web (b1)", "db", "mail"]);
    assert!(p.clients.iter().all(|c| c.local_id.is_none()));
    let jobs: Vec<(i64, i64)> = p
        .jobs
        .iter()
        .map(|j| (j.primary.id, j.location_id))
        .collect();
    assert_eq!(jobs, [(100, 7), (102, 7)]);
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(
        (p.skipped[0].primary.id, p.skipped[0].reason),
        (101, "unmapped_location")
    );
}

#[test]
fn selected_clients_update_their_copies_and_keep_their_names() {
    let cat = catalog();
    let local = Local {
        clients: vec![(5, 10, "web (b1)".into())],
        jobs: vec![(50, 100)],
        other_names: ["web".to_owned(), "mail".to_owned(), "mail (b1)".to_owned()]
            .into_iter()
            .collect(),
    };
    let p = plan(&cat, &sel(false, &[10, 12]), &local);
    assert_eq!(p.clients.len(), 2);
    assert_eq!(p.clients[0].local_id, Some(5));
    assert_eq!(p.clients[0].name, "web (b1)", "a copy keeps its name");
    assert_eq!(p.clients[1].name, "mail (b1) 2");
    assert_eq!(p.jobs[0].local_id, Some(50));
    assert_eq!(p.jobs[1].local_id, None);
    // Client 11 is not selected: neither it nor its job appears, not even as skipped.
    assert!(p.skipped.is_empty());
}

#[test]
fn a_copy_whose_primary_name_is_free_again_is_renamed_back_only_if_its_name_is_taken() {
    let cat = catalog();
    let local = Local {
        clients: vec![(5, 10, "web (b1)".into())],
        ..Local::default()
    };
    let p = plan(&cat, &sel(true, &[]), &local);
    assert_eq!(p.clients[0].name, "web (b1)");
    let local = Local {
        clients: vec![(5, 10, "old name".into())],
        ..Local::default()
    };
    let p = plan(&cat, &sel(true, &[]), &local);
    assert_eq!(
        p.clients[0].name, "web",
        "a renamed primary client is followed"
    );
}

#[test]
fn nothing_is_planned_for_deletion_when_the_primary_drops_things() {
    let mut cat = catalog();
    cat.clients.truncate(1);
    cat.jobs.truncate(1);
    let local = Local {
        clients: vec![(5, 10, "web".into()), (6, 11, "db".into())],
        jobs: vec![(50, 100), (51, 101)],
        ..Local::default()
    };
    let p = plan(&cat, &sel(true, &[]), &local);
    // Only updates of what is still listed; the plan has no way to delete.
    assert_eq!(p.clients.len(), 1);
    assert_eq!(p.jobs.len(), 1);
}
