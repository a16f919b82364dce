//! Where an article sits in an unranked list: the number of listed
//! articles that come before it, counted instead of read one by one. The
//! order is newest first, undated last, then title, then id (inside each
//! topic when grouped by topic; date groups follow date order already).
//! Grouped by topic an article is listed once per topic: its place is its
//! first row, under its first topic (`primary_topic`), counted over the
//! (article, topic) rows before it.

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

/// The ways `a` can come before the target in date order, as disjoint
/// conditions: each simple enough for an index range, where one condition
/// with ORs would scan the table.
fn before_by_date(t: &Place, prefix: &dyn Fn(&mut Sql)) -> Vec<Sql> {
    let mut pieces = Vec::new();
    let mut earlier = Sql::default();
    prefix(&mut earlier);
    let mut same_day = Sql::default();
    prefix(&mut same_day);
    match &t.date {
        Some(d) => {
            earlier.bind("a.date > ?", d.clone());
            same_day.bind("a.date = ?", d.clone());
        }
        None => {
            earlier.push("a.date IS NOT NULL");
            same_day.push("a.date IS NULL");
        }
    }
    pieces.push(earlier);
    let mut lower_title = same_day.clone();
    lower_title.bind(" AND a.title < ?", t.title.clone());
    pieces.push(lower_title);
    same_day.bind(" AND a.title = ?", t.title.clone());
    same_day.bind(" AND a.id < ?", t.id.clone());
    pieces.push(same_day);
    pieces
}

/// The disjoint ways `a` comes before the target in the grouped order.
fn before(t: &Place, grouping: Grouping) -> Vec<Sql> {
    if grouping != Grouping::Topic {
        return before_by_date(t, &|_| {});
    }
    let mut pieces = Vec::new();
    let mut earlier_group = Sql::default();
    match &t.topic {
        Some(p) => {
            earlier_group.bind("g.topic < ?", p.clone());
            pieces.push(earlier_group);
            let p = p.clone();
            pieces.extend(before_by_date(t, &move |sql: &mut Sql| {
                sql.bind("g.topic = ? AND ", p.clone());
            }));
        }
        None => {
            earlier_group.push("g.topic IS NOT NULL");
            pieces.push(earlier_group);
            pieces.extend(before_by_date(t, &|sql: &mut Sql| {
                sql.push("g.topic IS NULL AND ");
            }));
        }
    }
    pieces
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
        sql.push("SELECT 0");
        for piece in before(&target, grouping) {
            sql.push(" + (SELECT count(*) FROM articles a");
            super::search::topic_rows(grouping, &mut sql);
            sql.push(" WHERE ");
            sql.push(&cond.text);
            sql.args.extend(cond.args.iter().cloned());
            sql.push(" AND ");
            sql.push(&piece.text);
            sql.args.extend(piece.args);
            sql.push(")");
        }
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let n: i64 = stmt.query_row(params_from_iter(sql.args), |r| r.get(0))?;
        Ok(Some(n as usize))
    }
}
