import type { Extension } from "@codemirror/state";
import { python } from "@codemirror/lang-python";
import { javascript } from "@codemirror/lang-javascript";
import { java } from "@codemirror/lang-java";
import { cpp } from "@codemirror/lang-cpp";
import { go } from "@codemirror/lang-go";
import { rust } from "@codemirror/lang-rust";
import { php } from "@codemirror/lang-php";
import { StreamLanguage } from "@codemirror/language";
import { ruby } from "@codemirror/legacy-modes/mode/ruby";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import { kotlin } from "@codemirror/legacy-modes/mode/clike";

export interface Language {
  id: string;
  name: string;
  version?: string;
  fileName?: string;
  available?: boolean;
}

/** Used until GET /api/languages answers (or when it does not exist yet). */
export const FALLBACK_LANGUAGES: Language[] = [
  { id: "python", name: "Python", fileName: "main.py" },
  { id: "javascript", name: "JavaScript", fileName: "main.js" },
  { id: "java", name: "Java", fileName: "Main.java" },
  { id: "c", name: "C", fileName: "main.c" },
  { id: "cpp", name: "C++", fileName: "main.cpp" },
  { id: "go", name: "Go", fileName: "main.go" },
];

export function languageSupport(id: string): Extension {
  switch (id) {
    case "python":
      return python();
    case "javascript":
    case "node":
      return javascript();
    case "typescript":
      return javascript({ typescript: true });
    case "java":
      return java();
    case "c":
    case "cpp":
      return cpp();
    case "go":
      return go();
    case "rust":
      return rust();
    case "php":
      return php();
    case "ruby":
      return StreamLanguage.define(ruby);
    case "kotlin":
      return StreamLanguage.define(kotlin);
    case "bash":
      return StreamLanguage.define(shell);
    default:
      return [];
  }
}

let served: Language[] = [];

/** Keeps the server's list (GET /api/languages): languages that exist only as server data get their names. */
export function rememberLanguages(list: Language[]) {
  served = list;
}

/** The main file's name for a language (`fileName` of GET /api/languages): it changes with the session's language. */
export function fileNameOf(id: string): string | undefined {
  return served.find((l) => l.id === id)?.fileName ?? FALLBACK_LANGUAGES.find((l) => l.id === id)?.fileName;
}

export function displayName(id: string, known: Language[] = served.length ? served : FALLBACK_LANGUAGES): string {
  return known.find((l) => l.id === id)?.name ?? FALLBACK_LANGUAGES.find((l) => l.id === id)?.name ?? id;
}

// The first program a newcomer runs: each one runs cleanly with an empty "Standard input" box (it greets the
// world) and shows what stdin is for (type a name there and Run again). No input() that fails at end of input.
export const STARTER: Record<string, string> = {
  python:
    'import sys\n\n# Type your name into "Standard input" and press Run: the program reads that line here.\nname = sys.stdin.readline().strip() or "world"\nprint(f"Hello, {name}!")\n',
  javascript:
    '// Type your name into "Standard input" and press Run: the program reads it here.\nconst input = require("fs").readFileSync(0, "utf8").split("\\n")[0].trim();\nconsole.log(`Hello, ${input || "world"}!`);\n',
  java:
    'import java.util.Scanner;\n\npublic class Main {\n    public static void main(String[] args) {\n        // Type your name into "Standard input" and press Run: the program reads that line here.\n        Scanner in = new Scanner(System.in);\n        String name = in.hasNextLine() ? in.nextLine().trim() : "";\n        System.out.println("Hello, " + (name.isEmpty() ? "world" : name) + "!");\n    }\n}\n',
  c: '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n    // Type your name into "Standard input" and press Run: the program reads that line here.\n    char name[100] = "";\n    if (fgets(name, sizeof name, stdin)) name[strcspn(name, "\\r\\n")] = 0;\n    printf("Hello, %s!\\n", name[0] ? name : "world");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n#include <string>\n\nint main() {\n    // Type your name into "Standard input" and press Run: the program reads that line here.\n    std::string name;\n    if (!std::getline(std::cin, name) || name.empty()) name = "world";\n    std::cout << "Hello, " << name << "!" << std::endl;\n}\n',
  go: 'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\t// Type your name into "Standard input" and press Run: the program reads that line here.\n\tname := "world"\n\tsc := bufio.NewScanner(os.Stdin)\n\tif sc.Scan() && strings.TrimSpace(sc.Text()) != "" {\n\t\tname = strings.TrimSpace(sc.Text())\n\t}\n\tfmt.Printf("Hello, %s!\\n", name)\n}\n',
  // the languages added as data (sandbox-images/<id>/language.json): each greets "world" on empty stdin
  rust: 'use std::io::{self, BufRead};\n\nfn main() {\n    let mut line = String::new();\n    io::stdin().lock().read_line(&mut line).unwrap();\n    let name = match line.trim() {\n        "" => "world",\n        n => n,\n    };\n    println!("Hello, {}!", name);\n}\n',
  ruby: 'name = $stdin.gets.to_s.strip\nname = "world" if name.empty?\nputs "Hello, #{name}!"\n',
  php: '<?php\n$name = trim((string) fgets(STDIN));\nif ($name === "") {\n    $name = "world";\n}\necho "Hello, $name!\\n";\n',
  kotlin: 'fun main() {\n    val name = readlnOrNull()?.trim().orEmpty().ifEmpty { "world" }\n    println("Hello, $name!")\n}\n',
  typescript:
    'import * as fs from "fs";\n\nconst input: string = fs.readFileSync(0, "utf8").trim();\nconsole.log(`Hello, ${input || "world"}!`);\n',
  bash: 'read -r name\necho "Hello, ${name:-world}!"\n',
};
