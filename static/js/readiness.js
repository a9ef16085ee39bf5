/* Readiness self-assessment (hub/readiness): keeps the "x of y done" lines up to date while boxes are ticked.
   The form works the same without this script; the overall line is a polite live region. */
(function () {
    "use strict";

    function count(boxes) {
        var done = 0;
        boxes.forEach(function (box) { if (box.checked) { done += 1; } });
        return done;
    }

    function setup(form) {
        var template = form.getAttribute("data-progress-template");
        var overall = form.querySelector('[data-progress="all"]');
        if (!template || !overall) { return; }
        var all = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="done"]'));

        function text(done, total) {
            return template.replace("{done}", String(done)).replace("{total}", String(total));
        }

        function update(event) {
            form.querySelectorAll("[data-progress-group]").forEach(function (group) {
                var line = group.querySelector('[data-progress="phase"]');
                var boxes = Array.prototype.slice.call(group.querySelectorAll('input[type="checkbox"][name="done"]'));
                if (line) { line.textContent = text(count(boxes), boxes.length); }
            });
            if (event) { overall.textContent = text(count(all), all.length); }
        }

        form.addEventListener("change", function (event) {
            if (event.target.matches('input[type="checkbox"][name="done"]')) { update(event); }
        });
        update(null);
    }

    document.querySelectorAll("form[data-progress-template]").forEach(setup);
}());
