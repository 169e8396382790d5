// The official Hatchet Go SDK as worker and client against any engine, for the interop suite (interop/).
//
//	interop worker <name> <slots>       serves go-echo, go-sleep ({"ms": N}) and go-fail (returns an error)
//	interop client run <task> <json>    one run; prints RESULT {"result": ...} or RESULT {"error": "..."}
//	interop client many <task> <n> <c>  n runs of <task> with {"i": k}, c at a time; RESULT {"ok": n, "wrong": [...]}
//
// HATCHET_CLIENT_* come from the environment. SIGTERM stops the worker: the SDK waits for running tasks.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/hatchet-dev/hatchet/pkg/cmdutils"
	hatchet "github.com/hatchet-dev/hatchet/sdks/go"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: interop worker <name> <slots> | interop client run|many ...")
	}
	client, err := hatchet.NewClient()
	if err != nil {
		log.Fatalf("interop: cannot create the Hatchet client: %v", err)
	}
	switch os.Args[1] {
	case "worker":
		worker(client, os.Args[2], atoi(os.Args[3]))
	case "client":
		var out any
		switch os.Args[2] {
		case "run":
			var input map[string]any
			if err := json.Unmarshal([]byte(os.Args[4]), &input); err != nil {
				log.Fatalf("interop: input %q is not JSON: %v", os.Args[4], err)
			}
			out = run(client, os.Args[3], input)
		case "many":
			out = many(client, os.Args[3], atoi(os.Args[4]), atoi(os.Args[5]))
		default:
			log.Fatalf("interop: unknown client mode %q; use run or many", os.Args[2])
		}
		b, _ := json.Marshal(out)
		fmt.Println("RESULT " + string(b))
	default:
		log.Fatalf("interop: unknown mode %q; use worker or client", os.Args[1])
	}
}

func worker(client *hatchet.Client, name string, slots int) {
	echo := client.NewStandaloneTask("go-echo", func(ctx hatchet.Context, input map[string]any) (map[string]any, error) {
		return map[string]any{"echo": input}, nil
	})
	sleep := client.NewStandaloneTask("go-sleep", func(ctx hatchet.Context, input map[string]any) (map[string]any, error) {
		ms, _ := input["ms"].(float64)
		time.Sleep(time.Duration(ms) * time.Millisecond)
		return map[string]any{"slept": ms}, nil
	})
	fail := client.NewStandaloneTask("go-fail", func(ctx hatchet.Context, input map[string]any) (map[string]any, error) {
		return nil, errors.New("go-fail refused: " + fmt.Sprint(input["reason"]))
	}, hatchet.WithRetries(0))
	w, err := client.NewWorker(name, hatchet.WithWorkflows(echo, sleep, fail), hatchet.WithSlots(slots))
	if err != nil {
		log.Fatalf("interop: cannot create the worker: %v", err)
	}
	ctx, cancel := cmdutils.NewInterruptContext()
	defer cancel()
	if err := w.StartBlocking(ctx); err != nil {
		log.Fatalf("interop: worker stopped: %v", err)
	}
}

func run(client *hatchet.Client, task string, input map[string]any) map[string]any {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	result, err := client.Run(ctx, task, input)
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	var out map[string]any
	if err := result.TaskOutput(task).Into(&out); err != nil {
		return map[string]any{"error": "unreadable output: " + err.Error()}
	}
	return map[string]any{"result": out}
}

func many(client *hatchet.Client, task string, n, concurrency int) map[string]any {
	gate := make(chan struct{}, concurrency)
	var mu sync.Mutex
	var wg sync.WaitGroup
	wrong := []any{}
	for i := 0; i < n; i++ {
		wg.Add(1)
		gate <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-gate }()
			r := run(client, task, map[string]any{"i": i})
			echo, _ := r["result"].(map[string]any)
			in, _ := echo["echo"].(map[string]any)
			if got, _ := in["i"].(float64); in == nil || int(got) != i {
				mu.Lock()
				wrong = append(wrong, map[string]any{"i": i, "got": r})
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	ok := n - len(wrong)
	if len(wrong) > 5 {
		wrong = wrong[:5]
	}
	return map[string]any{"ok": ok, "wrong": wrong}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		log.Fatalf("interop: %q is not a whole number", s)
	}
	return n
}
