// A worker written with Hatchet's official Go SDK (module github.com/hatchet-dev/hatchet, package sdks/go,
// pinned in go.mod and go.sum).
//
// It serves one task, go-sleep, which sleeps {"ms": N} milliseconds and returns {"sleptMs": N}. Everything
// else comes from the environment, as the operator renders it: HATCHET_CLIENT_* (token, host, TLS),
// HATCHET_CLIENT_AUTOSCALING_TARGET (the SDK turns it into the worker label hatchet-autoscaling-target,
// pkg/client/loader/loader.go: set to the pod's name, it lets the operator match worker to pod with no code
// here), HATCHET_WORKER_NAME and HATCHET_WORKER_SLOTS (the pool's workerName and slots; without them the SDK
// registers 100 slots). SLEEP_WORKER_SLOTS, when set, overrides the slots; SLEEP_TASK_NAME renames the task
// (two pools side by side on one engine). The Go SDK serves no health
// endpoint. On SIGTERM the worker's context is cancelled and the SDK waits for running tasks before it exits.
package main

import (
	"log"
	"os"
	"strconv"
	"time"

	"github.com/hatchet-dev/hatchet/pkg/cmdutils"
	hatchet "github.com/hatchet-dev/hatchet/sdks/go"
)

type sleepInput struct {
	Ms int `json:"ms"`
}

type sleepOutput struct {
	SleptMs int `json:"sleptMs"`
}

func main() {
	client, err := hatchet.NewClient()
	if err != nil {
		log.Fatalf("go-worker: cannot create the Hatchet client: %v", err)
	}
	taskName := os.Getenv("SLEEP_TASK_NAME")
	if taskName == "" {
		taskName = "go-sleep"
	}
	task := client.NewStandaloneTask(taskName, func(ctx hatchet.Context, input sleepInput) (sleepOutput, error) {
		select {
		case <-time.After(time.Duration(input.Ms) * time.Millisecond):
		case <-ctx.Done():
			return sleepOutput{}, ctx.Err()
		}
		return sleepOutput{SleptMs: input.Ms}, nil
	})
	opts := []hatchet.WorkerOption{hatchet.WithWorkflows(task)}
	if slots, ok := slotsFromEnv(); ok {
		opts = append(opts, hatchet.WithSlots(slots))
	}
	name := os.Getenv("HATCHET_WORKER_NAME")
	if name == "" {
		name = "go-worker"
	}
	worker, err := client.NewWorker(name, opts...)
	if err != nil {
		log.Fatalf("go-worker: cannot create the worker: %v", err)
	}
	ctx, cancel := cmdutils.NewInterruptContext()
	defer cancel()
	if err := worker.StartBlocking(ctx); err != nil {
		log.Fatalf("go-worker: stopped with an error: %v", err)
	}
}

func slotsFromEnv() (int, bool) {
	for _, key := range []string{"SLEEP_WORKER_SLOTS", "HATCHET_WORKER_SLOTS"} {
		if v := os.Getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				log.Fatalf("go-worker: %s is %q, not a positive whole number; set e.g. 10", key, v)
			}
			return n, true
		}
	}
	return 0, false
}
