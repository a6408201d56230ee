import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < t; k++) {
            String s = in.readLine().trim();
            char[] st = new char[s.length()]; int top = 0; boolean ok = true;
            for (int i = 0; i < s.length() && ok; i++) {
                char c = s.charAt(i);
                if (c == '(' || c == '[' || c == '{') st[top++] = c;
                else {
                    char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (top == 0 || st[--top] != want) ok = false;
                }
            }
            out.append(ok && top == 0 ? "true" : "false").append('\n');
        }
        System.out.print(out);
    }
}
