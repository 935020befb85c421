"""Run with the Airflow venv's python: load dags/ into a DagBag and print a JSON summary on stdout."""

from __future__ import annotations

import json
import sys

from airflow.models.dagbag import DagBag


def main(dags_folder: str) -> None:
    bag = DagBag(dag_folder=dags_folder)
    summary = {
        "import_errors": {str(path): str(error) for path, error in bag.import_errors.items()},
        "dags": {
            dag_id: {
                "schedule": getattr(dag.timetable, "_expression", None) or str(dag.schedule),
                "task_groups": list(dag.task_group.children),
                "upstream": {
                    group_id: sorted(group.upstream_group_ids)
                    for group_id, group in dag.task_group.children.items()
                    if hasattr(group, "upstream_group_ids")
                },
                "tasks": len(dag.tasks),
                "retries": {task.task_id: task.retries for task in dag.tasks},
                "upstream_tasks": {task.task_id: sorted(task.upstream_task_ids) for task in dag.tasks},
                "full_refresh": sorted({str(getattr(task, "full_refresh", None)) for task in dag.tasks}),
            }
            for dag_id, dag in bag.dags.items()
        },
    }
    print("C360_DAGBAG=" + json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1])
