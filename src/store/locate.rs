//! Where an article sits in an unranked list: the number of listed
//! articles that come before it, counted instead of read one by one. The
//! order is newest first, undated last, then title, then id (inside each
//! topic when grouped by topic; date groups follow date order already).

use anyhow::Result;
use rusqlite::{OptionalExtension, params_from_iter};

use super::Index;
use super::compile::{Plan, Sql, count_condition};
use crate::config::Grouping;

/// What places an article in the list.
struct Place {
    date: Option<String>,
    title: String,
    id: String,
    topic: Option<String>,
}

/// `a` comes before the target in date order.
fn before_by_date(t: &Place, sql: &mut Sql) {
    let tie = |sql: &mut Sql| {
        sql.bind("(a.title < ?", t.title.clone());
        sql.bind(" OR (a.title = ?", t.title.clone());
        sql.bind(" AND a.id < ?))", t.id.clone());
    };
    match &t.date {
        Some(d) => {
            sql.bind("(a.date > ?", d.clone());
            sql.bind(" OR (a.date = ? AND ", d.clone());
            tie(sql);
            sql.push("))");
        }
        None => {
            sql.push("(a.date IS NOT NULL OR (a.date IS NULL AND ");
            tie(sql);
            sql.push("))");
        }
    }
}

/// `a` comes before the target in the grouped order.
fn before(t: &Place, grouping: Grouping, sql: &mut Sql) {
    if grouping != Grouping::Topic {
        return before_by_date(t, sql);
    }
    match &t.topic {
        Some(p) => {
            sql.bind("(a.primary_topic < ?", p.clone());
            sql.bind(" OR (a.primary_topic = ? AND ", p.clone());
        }
        None => sql.push("(a.primary_topic IS NOT NULL OR (a.primary_topic IS NULL AND "),
    }
    before_by_date(t, sql);
    sql.push("))");
}

impl Index {
    pub(super) fn locate_in_date_order(
        &self,
        plan: &Plan,
        grouping: Grouping,
        id: &str,
    ) -> Result<Option<usize>> {
        let cond = count_condition(plan);
        let mut sql = Sql::default();
        sql.bind(
            "SELECT a.date, a.title, a.primary_topic FROM articles a WHERE a.id = ?",
            id.to_string(),
        );
        sql.push(" AND ");
        sql.push(&cond.text);
        sql.args.extend(cond.args.iter().cloned());
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let target = stmt
            .query_row(params_from_iter(sql.args), |r| {
                Ok(Place {
                    date: r.get(0)?,
                    title: r.get(1)?,
                    id: id.to_string(),
                    topic: r.get(2)?,
                })
            })
            .optional()?;
        let Some(target) = target else {
            return Ok(None);
        };
        let mut sql = Sql::default();
        sql.push("SELECT count(*) FROM articles a WHERE ");
        sql.push(&cond.text);
        sql.args.extend(cond.args);
        sql.push(" AND ");
        before(&target, grouping, &mut sql);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let n: i64 = stmt.query_row(params_from_iter(sql.args), |r| r.get(0))?;
        Ok(Some(n as usize))
    }
}
